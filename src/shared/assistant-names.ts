// Whose conversation a history entry is (issue 14), in words: the assistant's name, shown once
// there are two or more assistants. An entry without an assistant (older ones too) is the
// default assistant's; one whose assistant was removed shows its id.
import { DEFAULT_ASSISTANT_ID, type AssistantsFile } from './assistants'

export function assistantLabel(
  file: Pick<AssistantsFile, 'assistants'> | null,
  assistantId: string | undefined
): string | null {
  if (!file || file.assistants.length < 2) return null
  const id = assistantId ?? DEFAULT_ASSISTANT_ID
  return file.assistants.find((assistant) => assistant.id === id)?.name ?? id
}
