/** Child processes for the benchmarks: a forked TypeScript module with IPC, and timed external commands. */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { PROJECT_ROOT } from './paths';

/** Forks a .ts module under tsx's loader with an IPC channel; the module answers messages with process.send. */
export function forkTs(modulePath: string, env: NodeJS.ProcessEnv = {}): ChildProcess {
  return fork(modulePath, [], {
    cwd: PROJECT_ROOT,
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

/** Sends one request to a forked child and waits for its next message (children answer in order). */
export function ask<T>(child: ChildProcess, message: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: T) => {
      cleanup();
      resolve(m);
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`benchmark child exited (code ${code}) before answering`));
    };
    const cleanup = () => {
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
    if (message !== undefined) child.send(message as object);
  });
}

export interface CommandRun {
  code: number | null;
  ms: number;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion, timing it from spawn to exit. Output is kept only when asked for. */
export function runCommand(cmd: string, args: string[], opts: { keepOutput?: boolean; env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<CommandRun> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(cmd, args, {
      cwd: opts.cwd,
      env: opts.env ? { ...process.env, ...opts.env } : process.env,
      stdio: ['ignore', opts.keepOutput ? 'pipe' : 'ignore', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d) => (stdout += d));
    child.stderr?.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, ms: Number(process.hrtime.bigint() - started) / 1e6, stdout, stderr }));
  });
}

/** Whether an executable is on PATH (no shell involved). */
export function onPath(name: string): boolean {
  return (process.env.PATH ?? '').split(':').some((dir) => dir && existsSync(`${dir}/${name}`));
}

/** Peak resident set (KiB) of a command, from GNU time's %M; null when /usr/bin/time is missing. */
export async function peakRssKb(cmd: string, args: string[]): Promise<number | null> {
  if (!existsSync('/usr/bin/time')) return null;
  const run = await runCommand('/usr/bin/time', ['-f', 'GCM_MAXRSS=%M', cmd, ...args]);
  const m = /GCM_MAXRSS=(\d+)/.exec(run.stderr);
  return m ? Number(m[1]) : null;
}

/** dynalite on its own core (bench/dynalite-child.ts); `path` keeps its data on disk. */
export async function startDynaliteProcess(childPath: string, dataPath?: string): Promise<{ endpoint: string; close(): Promise<void> }> {
  const child = forkTs(childPath);
  const { endpoint } = await ask<{ endpoint: string }>(child, { path: dataPath });
  return {
    endpoint,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.send({ close: true });
      }),
  };
}
