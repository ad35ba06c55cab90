// Shared by the packaging tests: the repository's files, read the way the tools read them.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
export const requireFromRoot = createRequire(join(root, 'package.json'))

export const repoPath = (...parts: string[]): string => join(root, ...parts)
export const readText = (...parts: string[]): string => readFileSync(repoPath(...parts), 'utf8')

/** YAML parsed strictly: duplicate keys and other YAML errors throw instead of passing. */
export function readYaml(...parts: string[]): unknown {
  return parse(readText(...parts), { strict: true, uniqueKeys: true }) as unknown
}

export type Json = Record<string, unknown>

/** Narrow an unknown value to a plain object, failing the test with a path when it is not. */
export function obj(value: unknown, where: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error(`${where} is not an object`)
  return value as Json
}

export function list(value: unknown, where: string): unknown[] {
  if (!Array.isArray(value)) throw new Error(`${where} is not a list`)
  return value as unknown[]
}
