// Small typed readers for the SDK's untyped shapes. The transport re-emits every validated server
// event under its wire name with an `any` payload (reference §3b, "Every valid server event is
// also emitted under its wire name"), and errors arrive as `unknown`; these helpers let the core
// read them without unsafe casts.

export type WireRecord = Record<string, unknown>

export function asRecord(value: unknown): WireRecord | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as WireRecord)
    : undefined
}

export function stringField(value: unknown, key: string): string | undefined {
  const field = asRecord(value)?.[key]
  return typeof field === 'string' ? field : undefined
}

export function numberField(value: unknown, key: string): number | undefined {
  const field = asRecord(value)?.[key]
  return typeof field === 'number' && Number.isFinite(field) ? field : undefined
}

export function recordField(value: unknown, key: string): WireRecord | undefined {
  return asRecord(asRecord(value)?.[key])
}

export function arrayField(value: unknown, key: string): unknown[] | undefined {
  const field = asRecord(value)?.[key]
  return Array.isArray(field) ? (field as unknown[]) : undefined
}
