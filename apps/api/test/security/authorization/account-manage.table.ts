import { refusedWith, type Row, typedError } from '../support/authorization';
import { w } from '../support/world';

/**
 * The rows of the account fields added for editing a profile and for admins managing people
 * (schema/modules/account.ts and admin.ts). They run in accounts-and-collections.spec.ts.
 */
export const accountManageRows: Row[] = [
  {
    type: 'mutation',
    field: 'updateAccount',
    needs: 'session',
    attempts: [
      {
        what: "A's email for B's account",
        query:
          'mutation($input: UpdateAccountInput!) { updateAccount(input: $input) { __typename ... on Account { id email } ... on Error { code message } ... on InvalidInputError { issues { field } } } }',
        variables: () => ({ input: { email: w.a.email } }),
        asB: typedError('updateAccount', 'InvalidInputError', 'CONFLICT', 'input.email'),
      },
    ],
  },
  {
    type: 'mutation',
    field: 'setUserRole',
    needs: 'admin',
    attempts: [
      {
        what: 'making B an admin',
        query:
          'mutation($input: SetUserRoleInput!) { setUserRole(input: $input) { __typename ... on Account { id role } ... on Error { code } } }',
        variables: () => ({ input: { userId: w.b.id, role: 'ADMIN' } }),
        asB: refusedWith('setUserRole', 'FORBIDDEN'),
      },
    ],
  },
  {
    type: 'mutation',
    field: 'setTemporaryPassword',
    needs: 'admin',
    attempts: [
      {
        what: "A's password",
        query:
          'mutation($input: SetTemporaryPasswordInput!) { setTemporaryPassword(input: $input) { __typename ... on Account { id } ... on Error { code } } }',
        variables: () => ({ input: { userId: w.a.id, password: 'b now knows this one' } }),
        asB: refusedWith('setTemporaryPassword', 'FORBIDDEN'),
      },
    ],
  },
  {
    type: 'mutation',
    field: 'setUserDisabled',
    needs: 'admin',
    attempts: [
      {
        what: "disabling A's account",
        query:
          'mutation($input: SetUserDisabledInput!) { setUserDisabled(input: $input) { __typename ... on Account { id disabled } ... on Error { code } } }',
        variables: () => ({ input: { userId: w.a.id, disabled: true } }),
        asB: refusedWith('setUserDisabled', 'FORBIDDEN'),
      },
    ],
  },
];

export const inviteRows: Row[] = [
  {
    type: 'query',
    field: 'invites',
    needs: 'admin',
    attempts: [
      {
        what: "the admin's invites",
        query: '{ invites { id role expiresAt } }',
        asB: refusedWith('invites', 'FORBIDDEN'),
      },
    ],
  },
  {
    type: 'mutation',
    field: 'createInvite',
    needs: 'admin',
    attempts: [
      {
        what: 'an admin invite',
        query:
          'mutation($input: CreateInviteInput!) { createInvite(input: $input) { __typename ... on CreatedInvite { token } ... on Error { code } } }',
        variables: () => ({ input: { role: 'ADMIN', expiresInDays: 7 } }),
        asB: refusedWith('createInvite', 'FORBIDDEN'),
      },
    ],
  },
  {
    type: 'mutation',
    field: 'revokeInvite',
    needs: 'admin',
    attempts: [
      {
        what: 'an invite',
        query:
          'mutation($id: ID!) { revokeInvite(id: $id) { __typename ... on Invite { id } ... on Error { code } } }',
        variables: () => ({ id: '00000000-0000-4000-8000-000000000000' }),
        asB: refusedWith('revokeInvite', 'FORBIDDEN'),
      },
    ],
  },
];
