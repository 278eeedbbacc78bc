// Flows and theme through @descope/node-sdk (descope-api.md §4, §10.11-10.16).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ALPHA, BETA, sdkFor, startEmulator } from './emulator.mjs';

let emulator;
let sdk;
before(async () => {
  emulator = await startEmulator();
  sdk = sdkFor(emulator.baseUrl, ALPHA).management;
});
after(async () => {
  await emulator.stop();
});

const flow = (name, dsl = {}) => ({ id: 'my-flow', name, description: 'a flow', dsl, disabled: false });
const screens = [{ id: 's1', flowId: 'my-flow', htmlTemplate: { tag: 'div' } }];

describe('flows', () => {
  test('list is empty at first', async () => {
    const list = await sdk.flow.list();
    assert.equal(list.ok, true);
    assert.deepEqual(list.data, { flows: [], total: 0 });
  });

  test('import is an upsert: version goes up, modifiedTime is a string of epoch seconds, etag follows content', async () => {
    const first = await sdk.flow.import('my-flow', flow('My Flow', { start: 'a' }), screens);
    assert.equal(first.ok, true);
    assert.equal(first.data.flow.id, 'my-flow');
    assert.equal(first.data.flow.version, 1);
    assert.match(first.data.flow.modifiedTime, /^\d+$/);
    assert.ok(Math.abs(Number(first.data.flow.modifiedTime) - Date.now() / 1000) < 60);
    assert.equal(typeof first.data.flow.etag, 'string');
    assert.deepEqual(first.data.flow.translateTargetLangs, [], 'every field is present');
    assert.equal(first.data.screens[0].id, 's1');
    assert.deepEqual(first.data.screens[0].inputs, []);

    const again = await sdk.flow.import('my-flow', flow('My Flow', { start: 'a' }), screens);
    assert.equal(again.data.flow.version, 2);
    assert.equal(again.data.flow.etag, first.data.flow.etag, 'same content, same etag');
    const changed = await sdk.flow.import('my-flow', flow('My Flow', { start: 'b' }), screens);
    assert.notEqual(changed.data.flow.etag, first.data.flow.etag);

    const exported = await sdk.flow.export('my-flow');
    assert.equal(exported.ok, true);
    assert.deepEqual(exported.data, changed.data, 'export answers what import stored');
    assert.deepEqual(exported.data.flow.dsl, { start: 'b' });
    assert.deepEqual(exported.data.screens[0].htmlTemplate, { tag: 'div' });
  });

  test('the body\'s flowId wins over flow.id', async () => {
    const imported = await sdk.flow.import('other-flow', flow('Other'));
    assert.equal(imported.data.flow.id, 'other-flow');
    const list = await sdk.flow.list();
    assert.deepEqual(list.data.flows.map((f) => f.id), ['my-flow', 'other-flow']);
    assert.equal(list.data.total, 2);
    assert.equal(list.data.flows[1].name, 'Other');
  });

  test('export of an unknown flow fails', async () => {
    const missing = await sdk.flow.export('no-such-flow');
    assert.equal(missing.ok, false);
    assert.equal(missing.code, 404);
    assert.equal(missing.error.errorMessage, 'Failed getting flow');
  });

  test('delete removes flows and ignores unknown ids', async () => {
    const deleted = await sdk.flow.delete(['other-flow', 'never-existed']);
    assert.equal(deleted.ok, true);
    assert.deepEqual(deleted.data, {});
    assert.deepEqual((await sdk.flow.list()).data.flows.map((f) => f.id), ['my-flow']);
  });
});

describe('theme', () => {
  test('export answers the empty theme with its server id, import replaces it', async () => {
    const initial = await sdk.theme.export();
    assert.equal(initial.ok, true);
    const { id, ...rest } = initial.data.theme;
    assert.deepEqual(rest, { version: 0, cssTemplate: {}, componentsVersion: '', codeMode: false });
    const imported = await sdk.theme.import({ id: '', cssTemplate: { light: { primary: '#000' } } });
    assert.equal(imported.ok, true);
    assert.deepEqual(imported.data.theme.cssTemplate, { light: { primary: '#000' } });
    assert.equal(imported.data.theme.version, 1);
    assert.equal(imported.data.theme.id, id);
    const exported = await sdk.theme.export();
    assert.deepEqual(exported.data, imported.data);
  });

  test('the theme id is non-blank and per project; the version goes up on every import; the client\'s id and version are ignored (R8)', async () => {
    const before = (await sdk.theme.export()).data.theme;
    assert.equal(typeof before.id, 'string');
    assert.notEqual(before.id, '');
    const other = (await sdkFor(emulator.baseUrl, BETA).management.theme.export()).data.theme;
    assert.notEqual(other.id, before.id, 'each project has its own theme id');
    const imported = await sdk.theme.import({ id: 'client-chosen', version: 99, cssTemplate: { dark: {} } });
    assert.equal(imported.ok, true);
    assert.equal(imported.data.theme.id, before.id);
    assert.equal(imported.data.theme.version, before.version + 1);
    await sdk.theme.import({ ...imported.data.theme });
    const after = (await sdk.theme.export()).data.theme;
    assert.equal(after.version, before.version + 2);
    assert.equal(after.id, before.id);
  });
});
