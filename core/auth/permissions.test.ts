import { ROLES } from '../db/models/user';
import { can, PERMISSIONS } from './permissions';

test('owner and admin may do everything; agent reads and handles but manages nothing, deletes no conversation and opens no workflow', () => {
  for (const permission of Object.keys(PERMISSIONS) as (keyof typeof PERMISSIONS)[]) {
    expect(can('owner', permission)).toBe(true);
    expect(can('admin', permission)).toBe(true);
    expect(can('agent', permission)).toBe(!/:manage$|^conversation:delete$|^workflow:inspect$/.test(permission));
  }
});

test('every permission names only known roles', () => {
  for (const roles of Object.values(PERMISSIONS)) for (const role of roles) expect(ROLES).toContain(role);
});
