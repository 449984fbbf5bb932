// docs/processing-activities.md is generated from config/node.json and the code; this test
// regenerates it and compares, so the record cannot drift from what the node does.
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { renderProcessingActivities, USES } from '../../src/features/data-protection/index.js';
import { testNode } from '../node.js';

describe('data protection: the record of processing activities', () => {
  it('docs/processing-activities.md is what config and code generate', () => {
    const doc = readFileSync(
      new URL('../../docs/processing-activities.md', import.meta.url),
      'utf8',
    );
    const generated = renderProcessingActivities(testNode().config);
    expect(
      doc,
      'regenerate with: npm run --silent cli -- processing:print > docs/processing-activities.md',
    ).to.equal(generated);
  });

  it('names every use, the configured periods and the legal-minimum rule', () => {
    const { config } = testNode();
    const doc = renderProcessingActivities(config);
    for (const use of USES) {
      expect(doc).to.contain(`\`${use}\``);
    }
    expect(doc).to.contain(`${config.node.retention.auditEventsYears} years`);
    expect(doc).to.contain('kept: required by law');
    // A change of config changes the record.
    const changed = {
      ...config,
      node: { ...config.node, retention: { ...config.node.retention, sessionsDays: 7 } },
    };
    expect(renderProcessingActivities(changed)).to.contain('7 days after the session ended');
  });
});
