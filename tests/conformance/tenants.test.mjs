// Tenants through @descope/node-sdk (descope-api.md §3, §9, §10.2-10.10).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ALPHA, BETA, projectArgs, sdkFor, startEmulator } from './emulator.mjs';

let emulator;
let sdk;
before(async () => {
  // R4: tenants may set only the custom attributes the project defines.
  emulator = await startEmulator([...projectArgs(ALPHA, BETA), '--tenant-attribute', 'plan', '--tenant-attribute', 'tier']);
  sdk = sdkFor(emulator.baseUrl, ALPHA).management;
});
after(async () => {
  const { code } = await emulator.stop();
  assert.equal(code, 0, 'the emulator stops cleanly on SIGTERM');
});

const ZERO_TENANT_FIELDS = {
  customAttributes: {},
  authType: 'none',
  domains: [],
  disabled: false,
  enforceSSO: false,
  enforceSSOExclusions: [],
  federatedAppIds: [],
  parent: '',
  successors: [],
  defaultRoles: [],
  roleInheritance: '',
};

describe('tenant create and load', () => {
  test('createWithId then load answers the flat tenant with every field, and only flat (R6)', async () => {
    const created = await sdk.tenant.createWithId('acme', 'Acme', ['acme.com']);
    assert.equal(created.ok, true);
    assert.deepEqual(created.data, { id: 'acme' });

    const loaded = await sdk.tenant.load('acme');
    assert.equal(loaded.ok, true);
    const { createdTime, ...flat } = loaded.data;
    assert.deepEqual(flat, { ...ZERO_TENANT_FIELDS, id: 'acme', name: 'Acme', selfProvisioningDomains: ['acme.com'] });
    assert.equal(typeof createdTime, 'number');
    assert.ok(Math.abs(createdTime - Date.now() / 1000) < 60, 'createdTime is epoch seconds');
  });

  test('create without an id generates a Descope-like id', async () => {
    const created = await sdk.tenant.create('Generated Inc', ['gen.com'], { plan: 'gold' }, false, false);
    assert.equal(created.ok, true);
    assert.match(created.data.id, /^T2[0-9A-Za-z]{26}$/);
    const loaded = await sdk.tenant.load(created.data.id);
    assert.deepEqual(loaded.data.customAttributes, { plan: 'gold' });
  });

  test('a sub-tenant names its parent, and the parent lists it in successors', async () => {
    await sdk.tenant.createWithId('parent-co', 'Parent Co');
    const child = await sdk.tenant.createWithId('child-co', 'Child Co', undefined, undefined, false, false, 'parent-co');
    assert.equal(child.ok, true);
    assert.equal((await sdk.tenant.load('child-co')).data.parent, 'parent-co');
    assert.deepEqual((await sdk.tenant.load('parent-co')).data.successors, ['child-co']);
  });

  test('errors: missing name, duplicate id, duplicate name, unknown parent, unknown id', async () => {
    const noName = await sdk.tenant.create('');
    assert.equal(noName.ok, false);
    assert.equal(noName.code, 400);
    assert.equal(noName.error.errorCode, 'E011002');
    assert.equal(noName.error.errorMessage, 'The name field is required');

    await sdk.tenant.createWithId('dup', 'Dup');
    const dupId = await sdk.tenant.createWithId('dup', 'Another');
    assert.equal(dupId.ok, false);
    assert.equal(dupId.code, 400);
    const dupName = await sdk.tenant.createWithId('dup2', 'Dup');
    assert.equal(dupName.ok, false);
    assert.equal(dupName.code, 400);

    const orphan = await sdk.tenant.create('Orphan', undefined, undefined, false, false, 'no-such-parent');
    assert.equal(orphan.ok, false);
    assert.equal(orphan.code, 400);

    const missing = await sdk.tenant.load('no-such-tenant');
    assert.equal(missing.ok, false);
    assert.equal(missing.code, 404);
    assert.equal(typeof missing.error.errorCode, 'string');
  });
});

describe('tenant update, delete, list and search', () => {
  test('update replaces every updatable field; parent and createdTime stay', async () => {
    await sdk.tenant.createWithId('upd', 'Before', ['before.com'], { plan: 'gold' }, false, false);
    const before = (await sdk.tenant.load('upd')).data;
    const updated = await sdk.tenant.update('upd', 'After', ['after.com'], undefined, true, false);
    assert.equal(updated.ok, true);
    assert.deepEqual(updated.data, {});
    const after = (await sdk.tenant.load('upd')).data;
    assert.equal(after.name, 'After');
    assert.deepEqual(after.selfProvisioningDomains, ['after.com']);
    assert.deepEqual(after.customAttributes, {}, 'an omitted field is cleared');
    assert.equal(after.enforceSSO, true);
    assert.equal(after.createdTime, before.createdTime);
  });

  test('update errors: missing id, missing name, unknown id', async () => {
    const noId = await sdk.tenant.update('', 'Name');
    assert.equal(noId.code, 400);
    assert.equal(noId.error.errorMessage, 'The id field is required');
    const noName = await sdk.tenant.update('acme', '');
    assert.equal(noName.code, 400);
    assert.equal(noName.error.errorMessage, 'The name field is required');
    const unknown = await sdk.tenant.update('no-such-tenant', 'X');
    assert.equal(unknown.code, 404);
  });

  test('loadAll answers every tenant; searchAll filters', async () => {
    await sdk.tenant.createWithId('search-a', 'Search A', ['a.search.com'], { tier: 'one' });
    await sdk.tenant.createWithId('search-b', 'Search B', [], { tier: 'two' }, false, false, 'search-a');
    const all = await sdk.tenant.loadAll();
    assert.equal(all.ok, true);
    const ids = all.data.map((t) => t.id);
    assert.ok(ids.includes('search-a') && ids.includes('search-b'));

    const byIdAndName = await sdk.tenant.searchAll(['search-a', 'search-b'], ['Search B']);
    assert.deepEqual(byIdAndName.data.map((t) => t.id), ['search-b']);
    const byDomain = await sdk.tenant.searchAll(undefined, undefined, ['a.search.com']);
    assert.deepEqual(byDomain.data.map((t) => t.id), ['search-a']);
    const byAttribute = await sdk.tenant.searchAll(undefined, undefined, undefined, { tier: 'two' });
    assert.deepEqual(byAttribute.data.map((t) => t.id), ['search-b']);
    const byParent = await sdk.tenant.searchAll(undefined, undefined, undefined, undefined, 'search-a');
    assert.deepEqual(byParent.data.map((t) => t.id), ['search-b']);
  });

  test('delete never cascades to sub-tenants (R11): a parent is refused until they go; a second delete is 404', async () => {
    await sdk.tenant.createWithId('del-parent', 'Del Parent');
    await sdk.tenant.createWithId('del-child', 'Del Child', undefined, undefined, false, false, 'del-parent');
    for (const cascade of [false, true]) {
      const refused = await sdk.tenant.delete('del-parent', cascade);
      assert.equal(refused.ok, false, 'a tenant with sub-tenants is refused, cascade or not');
      assert.equal(refused.code, 400);
      assert.match(refused.error.errorMessage, /'del-child'/);
    }
    assert.equal((await sdk.tenant.delete('del-child', true)).ok, true);
    const deleted = await sdk.tenant.delete('del-parent', true);
    assert.equal(deleted.ok, true);
    assert.deepEqual(deleted.data, {});
    assert.equal((await sdk.tenant.load('del-parent')).code, 404);
    assert.equal((await sdk.tenant.load('del-child')).code, 404);
    const again = await sdk.tenant.delete('del-parent', true);
    assert.equal(again.ok, false);
    assert.equal(again.code, 404);
    const noId = await sdk.tenant.delete('');
    assert.equal(noId.error.errorMessage, 'The id field is required');
  });
});

describe('tenant settings and default roles', () => {
  test('getSettings answers zero values; configureSettings (with Node\'s InactivityTime) replaces them', async () => {
    await sdk.tenant.createWithId('settings-co', 'Settings Co', ['settings.com']);
    const zero = await sdk.tenant.getSettings('settings-co');
    assert.equal(zero.ok, true);
    assert.deepEqual(zero.data, {
      domains: [],
      selfProvisioningDomains: ['settings.com'],
      authType: 'none',
      enabled: false,
      refreshTokenExpiration: 0,
      refreshTokenExpirationUnit: '',
      sessionTokenExpiration: 0,
      sessionTokenExpirationUnit: '',
      stepupTokenExpiration: 0,
      stepupTokenExpirationUnit: '',
      enableInactivity: false,
      inactivityTime: 0,
      inactivityTimeUnit: '',
      JITDisabled: false,
    });
    const configured = await sdk.tenant.configureSettings('settings-co', {
      selfProvisioningDomains: ['settings.com'],
      domains: ['settings.com'],
      enabled: true,
      sessionTokenExpiration: 10,
      sessionTokenExpirationUnit: 'minutes',
      refreshTokenExpiration: 4,
      refreshTokenExpirationUnit: 'weeks',
      enableInactivity: true,
      InactivityTime: 30,
      InactivityTimeUnit: 'minutes',
      JITDisabled: false,
    });
    assert.equal(configured.ok, true);
    assert.deepEqual(configured.data, {});
    const settings = (await sdk.tenant.getSettings('settings-co')).data;
    assert.equal(settings.enabled, true);
    assert.equal(settings.sessionTokenExpiration, 10);
    assert.equal(settings.refreshTokenExpirationUnit, 'weeks');
    assert.equal(settings.inactivityTime, 30);
    assert.equal(settings.inactivityTimeUnit, 'minutes');
    assert.deepEqual(settings.domains, ['settings.com']);

    const seconds = await sdk.tenant.configureSettings('settings-co', {
      enabled: true,
      sessionTokenExpiration: 600,
      sessionTokenExpirationUnit: 'seconds',
      refreshTokenExpiration: 3600,
      refreshTokenExpirationUnit: 'seconds',
    });
    assert.equal(seconds.ok, true, 'seconds is a unit (R2)');
    assert.equal((await sdk.tenant.getSettings('settings-co')).data.sessionTokenExpirationUnit, 'seconds');

    const badUnit = await sdk.tenant.configureSettings('settings-co', { sessionTokenExpiration: 1, sessionTokenExpirationUnit: 'fortnights' });
    assert.equal(badUnit.code, 400);
    const unknown = await sdk.tenant.getSettings('no-such-tenant');
    assert.equal(unknown.code, 404);
  });

  test('lifetimes below Descope\'s floors are refused with 400 (R3)', async () => {
    await sdk.tenant.createWithId('floors-co', 'Floors Co');
    const short = await sdk.tenant.configureSettings('floors-co', {
      enabled: true,
      refreshTokenExpiration: 1,
      refreshTokenExpirationUnit: 'minutes',
      sessionTokenExpiration: 1,
      sessionTokenExpirationUnit: 'minutes',
    });
    assert.equal(short.ok, false);
    assert.equal(short.code, 400);
    assert.match(short.error.errorMessage, /refreshTokenExpiration must be at least 3 minutes/);
    const inactivity = await sdk.tenant.configureSettings('floors-co', {
      enabled: true,
      refreshTokenExpiration: 4,
      refreshTokenExpirationUnit: 'weeks',
      sessionTokenExpiration: 10,
      sessionTokenExpirationUnit: 'minutes',
      enableInactivity: true,
      InactivityTime: 5,
      InactivityTimeUnit: 'minutes',
    });
    assert.equal(inactivity.code, 400);
    assert.match(inactivity.error.errorMessage, /inactivityTime must be at least 10 minutes/);
    assert.equal((await sdk.tenant.getSettings('floors-co')).data.enabled, false, 'nothing was stored');
  });

  test('updateDefaultRoles shows up in the tenant; unknown roles are refused', async () => {
    await sdk.tenant.createWithId('roles-co', 'Roles Co');
    assert.equal((await sdk.role.create('tenant-viewer')).ok, true);
    const set = await sdk.tenant.updateDefaultRoles('roles-co', ['tenant-viewer']);
    assert.equal(set.ok, true);
    assert.deepEqual((await sdk.tenant.load('roles-co')).data.defaultRoles, ['tenant-viewer']);
    const unknownRole = await sdk.tenant.updateDefaultRoles('roles-co', ['no-such-role']);
    assert.equal(unknownRole.code, 400);
    const unknownTenant = await sdk.tenant.updateDefaultRoles('no-such-tenant', ['tenant-viewer']);
    assert.equal(unknownTenant.code, 404);
  });
});

describe('custom attributes (R4)', () => {
  test('an attribute the project does not define is refused with 400 naming it', async () => {
    const undefinedKey = await sdk.tenant.createWithId('attr-co', 'Attr Co', [], { seats: 5 });
    assert.equal(undefinedKey.ok, false);
    assert.equal(undefinedKey.code, 400);
    assert.equal(undefinedKey.error.errorMessage, "Custom attribute 'seats' is not defined for tenants in this project");
    assert.equal((await sdk.tenant.createWithId('attr-co', 'Attr Co', [], { plan: 'gold' })).ok, true);
    const update = await sdk.tenant.update('attr-co', 'Attr Co', [], { plan: 'gold', region: 'eu' });
    assert.equal(update.code, 400);
    assert.match(update.error.errorMessage, /'region'/);
    assert.deepEqual((await sdk.tenant.load('attr-co')).data.customAttributes, { plan: 'gold' });
  });
});
