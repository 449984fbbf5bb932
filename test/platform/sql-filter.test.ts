import { expect } from 'chai';
import {
  accessibleWhere,
  buildAbility,
  type ActorFacts,
  type Policy,
} from '../../src/platform/authz/index.js';

const actor: ActorFacts = {
  id: 'u1',
  role: 'caseworker',
  country: 'IT',
  organisationId: 'o1',
  sessionId: 's',
  requestId: 'r',
};
const cols = { country: 'country', organisationId: 'organisation_id', status: 'status' };

function where(policy: Policy) {
  return accessibleWhere(buildAbility(actor, [policy]), 'read', 'Thing', cols);
}

describe('CASL rules to SQL', () => {
  it('gives FALSE when no rule allows the action', () => {
    expect(where(() => undefined)).to.deep.equal({ sql: 'FALSE', params: [] });
  });

  it('gives TRUE for an unconditional rule (it widens to all rows)', () => {
    expect(where((_a, { can }) => can('read', 'Thing'))).to.deep.equal({ sql: 'TRUE', params: [] });
  });

  it('ORs rules and ANDs the fields of one rule, with numbered parameters', () => {
    const result = where((a, { can }) => {
      can('read', 'Thing', { country: a.country });
      can('read', 'Thing', {
        organisationId: a.organisationId,
        status: { $in: ['open', 'review'] },
      });
    });
    expect(result.sql).to.equal('((organisation_id = $1 AND status = ANY($2)) OR (country = $3))');
    expect(result.params).to.deep.equal(['o1', ['open', 'review'], 'IT']);
  });

  it('bounds allowed rows by later cannot rules', () => {
    const result = where((a, { can, cannot }) => {
      can('read', 'Thing', { country: a.country });
      cannot('read', 'Thing', { status: 'sealed' });
    });
    expect(result.sql).to.equal('(((country = $2) AND NOT (status = $1)))');
    expect(result.params).to.deep.equal(['sealed', 'IT']);
  });

  it('fails closed on a field without a column', () => {
    expect(() => where((_a, { can }) => can('read', 'Thing', { secretField: 1 }))).to.throw(
      /no column/,
    );
  });

  it('builds a condition once per ability and gives each caller its own parameters', () => {
    const ability = buildAbility(actor, [
      (a, { can }) => can('read', 'Thing', { country: a.country }),
    ]);
    const first = accessibleWhere(ability, 'read', 'Thing', cols);
    first.params.push('extended by the caller');
    const again = accessibleWhere(ability, 'read', 'Thing', { ...cols });
    expect(again).to.deep.equal({ sql: '((country = $1))', params: ['IT'] });
    expect(accessibleWhere(ability, 'read', 'Thing', cols, 3).sql).to.equal('((country = $3))');
    expect(accessibleWhere(ability, 'read', 'Thing', { country: 'x.country' }).sql).to.equal(
      '((x.country = $1))',
    );
    expect(accessibleWhere(ability, 'update', 'Thing', cols).sql).to.equal('FALSE');
  });
});
