/** Writes each benchmark's figures as JSON under the (git-ignored) results folder. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import path from 'node:path';

export interface MachineInfo {
  node: string;
  platform: string;
  cpu: string;
  cores: number;
  memoryGb: number;
}

export function machineInfo(): MachineInfo {
  return {
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: availableParallelism(),
    memoryGb: Math.round(totalmem() / 1024 ** 3),
  };
}

export function writeResult(dir: string, name: string, data: unknown): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.json`);
  const body = { benchmark: name, at: new Date().toISOString(), machine: machineInfo(), ...(data as object) };
  writeFileSync(file, `${JSON.stringify(body, null, 2)}\n`);
  return file;
}

/** Reads a previous result (e.g. cost reuses end-to-end figures when run on its own). */
export function readResult<T>(dir: string, name: string): (T & { at: string }) | undefined {
  const file = path.join(dir, `${name}.json`);
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as T & { at: string };
}
