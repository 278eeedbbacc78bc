// Project endpoints, the license handshake, authentication, isolation between projects and
// rate limiting, all as the official @descope/node-sdk sees them (descope-api.md §1.3, §2, §5).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import DescopeClient from '@descope/node-sdk';
import { ALPHA, BETA, companyArgs, companySdkFor, projectArgs, sdkFor, startEmulator } from './emulator.mjs';

let emulator;
before(async () => {
  emulator = await startEmulator([...projectArgs(ALPHA, BETA), ...companyArgs()]);
});
after(async () => {
  await emulator.stop();
});

describe('project', () => {
  test('listProjects with a project-scoped key is refused with 401 and a Descope error body (R1)', async () => {
    const sdk = sdkFor(emulator.baseUrl, ALPHA).management;
    const list = await sdk.project.listProjects();
    assert.equal(list.ok, false);
    assert.equal(list.code, 401);
    assert.equal(list.error.errorCode, 'E011003');
    assert.match(list.error.errorMessage, /company management key/);
  });

  test('listProjects with a company key lists every hosted project with its --project name (R1)', async () => {
    const sdk = companySdkFor(emulator.baseUrl, ALPHA).management;
    const list = await sdk.project.listProjects();
    assert.equal(list.ok, true);
    assert.deepEqual(list.data.map((p) => p.id), [ALPHA.projectId, BETA.projectId]);
    assert.deepEqual(list.data[0], { id: ALPHA.projectId, name: 'Alpha', environment: '', tags: [] });
    // The company key also reaches each project's own data.
    assert.equal((await companySdkFor(emulator.baseUrl, BETA).management.tenant.loadAll()).ok, true);
  });

  test('updateName and updateTags show in listProjects; an empty name is refused', async () => {
    const sdk = sdkFor(emulator.baseUrl, BETA).management;
    const renamed = await sdk.project.updateName('Beta Renamed');
    assert.equal(renamed.ok, true);
    assert.deepEqual(renamed.data, {});
    assert.equal((await sdk.project.updateTags(['staging'])).ok, true);
    const listed = (await companySdkFor(emulator.baseUrl, BETA).management.project.listProjects()).data;
    assert.deepEqual(listed.find((p) => p.id === BETA.projectId), { id: BETA.projectId, name: 'Beta Renamed', environment: '', tags: ['staging'] });
    const empty = await sdk.project.updateName('');
    assert.equal(empty.code, 400);
    assert.equal(empty.error.errorMessage, 'The name field is required');
  });
});

describe('authentication and isolation', () => {
  test('one project\'s data never reaches another project\'s key', async () => {
    const alpha = sdkFor(emulator.baseUrl, ALPHA).management;
    const beta = sdkFor(emulator.baseUrl, BETA).management;
    assert.equal((await alpha.tenant.createWithId('alpha-only', 'Alpha Only')).ok, true);
    const betaTenants = await beta.tenant.loadAll();
    assert.equal(betaTenants.ok, true);
    assert.equal(betaTenants.data.find((t) => t.id === 'alpha-only'), undefined);
    assert.equal((await beta.tenant.load('alpha-only')).code, 404);
    // Beta may use the same tenant id independently.
    assert.equal((await beta.tenant.createWithId('alpha-only', 'Beta Copy')).ok, true);
    assert.equal((await alpha.tenant.load('alpha-only')).data.name, 'Alpha Only');
  });

  test('a wrong key, another project\'s key, or no key at all gets 401 with a Descope error body', async () => {
    const clients = [
      DescopeClient({ projectId: ALPHA.projectId, managementKey: 'K2wrong', baseUrl: emulator.baseUrl }),
      DescopeClient({ projectId: BETA.projectId, managementKey: ALPHA.managementKey, baseUrl: emulator.baseUrl }),
      DescopeClient({ projectId: 'P2unknownunknownunknownunkn0', managementKey: ALPHA.managementKey, baseUrl: emulator.baseUrl }),
      DescopeClient({ projectId: ALPHA.projectId, baseUrl: emulator.baseUrl }),
    ];
    for (const client of clients) {
      const r = await client.management.tenant.loadAll();
      assert.equal(r.ok, false);
      assert.equal(r.code, 401);
      assert.equal(r.error.errorCode, 'E011003');
      assert.equal(typeof r.error.errorDescription, 'string');
    }
  });
});

describe('rate limiting', () => {
  test('over --rate-limit the SDK sees 429, E130429 and retryAfter; honouring it lets the next call through', async () => {
    const limited = await startEmulator([...projectArgs(ALPHA, BETA), '--rate-limit', '4/2']);
    try {
      const sdk = sdkFor(limited.baseUrl, ALPHA).management;  // its license call counts too
      let refused;
      for (let i = 0; i < 10 && !refused; i += 1) {
        const r = await sdk.tenant.loadAll();
        if (!r.ok) refused = r;
      }
      assert.ok(refused, 'the limit was reached within 10 calls');
      assert.equal(refused.code, 429);
      assert.equal(refused.error.errorCode, 'E130429');
      assert.equal(refused.error.errorDescription, 'https://docs.descope.com/rate-limit');
      assert.equal(refused.error.errorMessage, 'API rate limit exceeded.');
      assert.ok(Number.isInteger(refused.error.retryAfter) && refused.error.retryAfter >= 1 && refused.error.retryAfter <= 2,
        `retryAfter ${refused.error.retryAfter}`);
      // The limit is per project.
      assert.equal((await sdkFor(limited.baseUrl, BETA).management.tenant.loadAll()).ok, true);
      await sleep(refused.error.retryAfter * 1000);
      assert.equal((await sdk.tenant.loadAll()).ok, true);
    } finally {
      await limited.stop();
    }
  });
});

describe('faults as the SDK sees them', () => {
  test('--fault 500=1 gives ok:false code 500; --fault malformed=1 makes the call throw', async () => {
    const failing = await startEmulator([...projectArgs(ALPHA), '--fault', '500=1']);
    try {
      const r = await sdkFor(failing.baseUrl, ALPHA).management.tenant.loadAll();
      assert.equal(r.ok, false);
      assert.equal(r.code, 500);
      assert.equal(typeof r.error.errorCode, 'string');
    } finally {
      await failing.stop();
    }
    const malformed = await startEmulator([...projectArgs(ALPHA), '--fault', 'malformed=1']);
    try {
      await assert.rejects(sdkFor(malformed.baseUrl, ALPHA).management.tenant.loadAll(), SyntaxError);
    } finally {
      await malformed.stop();
    }
  });
});
