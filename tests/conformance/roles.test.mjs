// Roles and permissions through @descope/node-sdk (descope-api.md §6, §10.21-10.25).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ALPHA, projectArgs, sdkFor, startEmulator } from './emulator.mjs';

let emulator;
let sdk;
before(async () => {
  emulator = await startEmulator();
  sdk = sdkFor(emulator.baseUrl, ALPHA).management;
});
after(async () => {
  await emulator.stop();
});

async function role(name, tenantId = '') {
  const all = await sdk.role.loadAll();
  assert.equal(all.ok, true);
  return all.data.find((r) => r.name === name && r.tenantId === tenantId);
}

describe('built-ins (R5)', () => {
  test('a new project has the permissions SSO Admin, User Admin, Impersonate (systemDefault) and the role Tenant Admin', async () => {
    const fresh = await startEmulator(projectArgs(ALPHA));
    try {
      const client = sdkFor(fresh.baseUrl, ALPHA).management;
      const permissions = await client.permission.loadAll();
      assert.equal(permissions.ok, true);
      assert.deepEqual(permissions.data, [
        { name: 'SSO Admin', description: '', systemDefault: true },
        { name: 'User Admin', description: '', systemDefault: true },
        { name: 'Impersonate', description: '', systemDefault: true },
      ]);
      const roles = await client.role.loadAll();
      assert.equal(roles.ok, true);
      assert.deepEqual(roles.data.map((r) => r.name), ['Tenant Admin']);
      assert.deepEqual(roles.data[0].permissionNames, ['SSO Admin', 'User Admin', 'Impersonate']);
      assert.equal(roles.data[0].tenantId, '');
    } finally {
      await fresh.stop();
    }
  });

  test('--bare starts a project without them', async () => {
    const bare = await startEmulator([...projectArgs(ALPHA), '--bare']);
    try {
      const client = sdkFor(bare.baseUrl, ALPHA).management;
      assert.deepEqual((await client.permission.loadAll()).data, []);
      assert.deepEqual((await client.role.loadAll()).data, []);
    } finally {
      await bare.stop();
    }
  });
});

describe('permissions', () => {
  test('create, loadAll, duplicate, update with rename, delete', async () => {
    assert.equal((await sdk.permission.create('perm.read', 'Read things')).ok, true);
    const dup = await sdk.permission.create('perm.read');
    assert.equal(dup.ok, false);
    assert.equal(dup.code, 400);
    const missing = await sdk.permission.create('');
    assert.equal(missing.error.errorCode, 'E011002');

    let all = (await sdk.permission.loadAll()).data;
    assert.deepEqual(all.find((p) => p.name === 'perm.read'), { name: 'perm.read', description: 'Read things', systemDefault: false });

    const renamed = await sdk.permission.update('perm.read', 'perm.view');
    assert.equal(renamed.ok, true);
    assert.deepEqual(renamed.data, {});
    all = (await sdk.permission.loadAll()).data;
    assert.deepEqual(all.find((p) => p.name === 'perm.view'), { name: 'perm.view', description: '', systemDefault: false },
      'update is a full replace: the omitted description is cleared');
    assert.equal(all.find((p) => p.name === 'perm.read'), undefined);

    assert.equal((await sdk.permission.update('no.such', 'x')).code, 404);
    const deleted = await sdk.permission.delete('perm.view');
    assert.equal(deleted.ok, true);
    assert.deepEqual(deleted.data, {});
    assert.equal((await sdk.permission.delete('perm.view')).code, 404);
  });
});

describe('roles', () => {
  test('create answers the role; loadAll lists it with every field', async () => {
    await sdk.permission.create('perm.a');
    const created = await sdk.role.create('Admin', 'admins', ['perm.a']);
    assert.equal(created.ok, true);
    assert.equal(created.data.name, 'Admin');
    const admin = await role('Admin');
    const { createdTime, id, ...rest } = admin;
    assert.deepEqual(rest, { name: 'Admin', description: 'admins', permissionNames: ['perm.a'], tenantId: '', default: false, private: false });
    assert.equal(typeof createdTime, 'number');
    assert.equal(typeof id, 'string');
  });

  test('create errors: missing name, unknown permission, duplicate name', async () => {
    const noName = await sdk.role.create('');
    assert.equal(noName.code, 400);
    assert.equal(noName.error.errorMessage, 'The name field is required');
    const unknownPermission = await sdk.role.create('Broken', '', ['no.such.permission']);
    assert.equal(unknownPermission.ok, false);
    assert.equal(unknownPermission.code, 400);
    await sdk.role.create('Unique');
    assert.equal((await sdk.role.create('Unique')).code, 400);
  });

  test('names are unique per scope: a tenant role may share a project role\'s name', async () => {
    await sdk.tenant.createWithId('role-tenant', 'Role Tenant');
    await sdk.role.create('Scoped');
    const tenantRole = await sdk.role.create('Scoped', 'tenant level', [], 'role-tenant');
    assert.equal(tenantRole.ok, true);
    assert.equal((await role('Scoped', 'role-tenant')).description, 'tenant level');
    const unknownTenant = await sdk.role.create('Elsewhere', '', [], 'no-such-tenant');
    assert.equal(unknownTenant.code, 400);
    assert.equal((await sdk.role.delete('Scoped', 'role-tenant')).ok, true);
    assert.equal(await role('Scoped', 'role-tenant'), undefined);
    assert.notEqual(await role('Scoped'), undefined);
  });

  test('update is a full replace with rename; renamed permissions follow into roles', async () => {
    await sdk.permission.create('perm.x');
    await sdk.permission.create('perm.y');
    await sdk.role.create('Editor', 'edits', ['perm.x', 'perm.y']);
    const updated = await sdk.role.update('Editor', 'Writer', undefined, ['perm.x']);
    assert.equal(updated.ok, true);
    assert.equal(await role('Editor'), undefined);
    const writer = await role('Writer');
    assert.equal(writer.description, '', 'omitted description is cleared');
    assert.deepEqual(writer.permissionNames, ['perm.x']);

    await sdk.permission.update('perm.x', 'perm.x2', 'renamed');
    assert.deepEqual((await role('Writer')).permissionNames, ['perm.x2']);
    await sdk.permission.delete('perm.x2');
    assert.deepEqual((await role('Writer')).permissionNames, [], 'a deleted permission leaves every role');

    assert.equal((await sdk.role.update('No Such Role', 'X')).code, 404);
    await sdk.role.create('Taken');
    assert.equal((await sdk.role.update('Writer', 'Taken')).code, 400);
  });

  test('updateWithId and deleteWithId address a role by its id', async () => {
    await sdk.role.create('ById');
    const { id } = await role('ById');
    assert.equal((await sdk.role.updateWithId(id, 'ById2', 'via id')).ok, true);
    assert.equal((await role('ById2')).description, 'via id');
    assert.equal((await sdk.role.deleteWithId(id)).ok, true);
    assert.equal(await role('ById2'), undefined);
  });

  test('search filters by name, tenant and permission', async () => {
    await sdk.permission.create('perm.search');
    await sdk.role.create('Searchable', 'find me', ['perm.search']);
    const byName = await sdk.role.search({ roleNames: ['Searchable'] });
    assert.equal(byName.ok, true);
    assert.deepEqual(byName.data.map((r) => r.name), ['Searchable']);
    const byPermission = await sdk.role.search({ permissionNames: ['perm.search'] });
    assert.deepEqual(byPermission.data.map((r) => r.name), ['Searchable']);
    const byLike = await sdk.role.search({ roleNameLike: 'earchab' });
    assert.deepEqual(byLike.data.map((r) => r.name), ['Searchable']);
  });

  test('delete, and deleting a missing role is 404', async () => {
    await sdk.role.create('Doomed');
    const deleted = await sdk.role.delete('Doomed');
    assert.equal(deleted.ok, true);
    assert.deepEqual(deleted.data, {});
    assert.equal(await role('Doomed'), undefined);
    assert.equal((await sdk.role.delete('Doomed')).code, 404);
  });
});
