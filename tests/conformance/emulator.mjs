// Test harness: starts a fresh descope-emulator on a free port and builds official Node SDK
// clients against it. The binary comes from $DESCOPE_EMULATOR_BIN, else build/dev/src/descope-emulator.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import DescopeClient from '@descope/node-sdk';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export const emulatorBinary =
  process.env.DESCOPE_EMULATOR_BIN ?? path.join(repoRoot, 'build', 'dev', 'src', 'descope-emulator');

// Two projects with 28-character ids, like real ones (region-less, see descope-api.md §1.1).
export const ALPHA = { projectId: 'P2alphaalphaalphaalphaalpha0', managementKey: 'K2alpha-management-key', name: 'Alpha' };
export const BETA = { projectId: 'P2betabetabetabetabetabetab0', managementKey: 'K2beta-management-key', name: 'Beta' };
// A company management key (R1: projects/list needs one); `--company-key` with this value.
export const COMPANY_KEY = 'K2company-management-key';

/**
 * Starts descope-emulator with `args` (plus --port 0) and resolves once it prints its
 * "listening on http://HOST:PORT" line. Returns { baseUrl, stop(), output() }.
 */
export async function startEmulator(args = projectArgs(ALPHA, BETA)) {
  if (!existsSync(emulatorBinary)) {
    throw new Error(`descope-emulator not found at ${emulatorBinary}; build it or set DESCOPE_EMULATOR_BIN`);
  }
  const child = spawn(emulatorBinary, [...args, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const baseUrl = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "listening on" line within 10 s; stderr: ${stderr}`)), 10_000);
    child.stdout.on('data', (d) => {
      stdout += d;
      const match = /^listening on (http:\/\/\S+)\n/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`descope-emulator exited (${code}) before listening: ${stderr}`));
    });
  });
  return {
    baseUrl,
    output: () => ({ stdout, stderr }),
    /** SIGTERM, then the exit status ({code, signal}). */
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** --company-key arguments for COMPANY_KEY. */
export function companyArgs() {
  return ['--company-key', COMPANY_KEY];
}

/** --project arguments for the given projects. */
export function projectArgs(...projects) {
  return projects.flatMap((p) => ['--project', `${p.projectId}:${p.managementKey}:${p.name}`]);
}

/** An official SDK client for `project` talking to the emulator at `baseUrl`. */
export function sdkFor(baseUrl, project) {
  return DescopeClient({ projectId: project.projectId, managementKey: project.managementKey, baseUrl });
}

/** An official SDK client for `project` using the company key COMPANY_KEY. */
export function companySdkFor(baseUrl, project) {
  return DescopeClient({ projectId: project.projectId, managementKey: COMPANY_KEY, baseUrl });
}

/** A unique id for this test run, so tests in one file do not collide. */
let counter = 0;
export function uniqueId(prefix) {
  counter += 1;
  return `${prefix}-${process.pid}-${counter}`;
}
