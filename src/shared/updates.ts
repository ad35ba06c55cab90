import { z } from 'zod'

/**
 * Where the self-update stands (issue 14). `unavailable`: this host cannot update itself (the
 * browser host, a development run); `ready`: downloaded and verified, "Restart to update".
 */
export const updateStatusSchema = z.object({
  phase: z.enum(['unavailable', 'idle', 'downloading', 'ready']),
  version: z.string().max(100).nullable()
})
export type UpdateStatus = z.infer<typeof updateStatusSchema>
