import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { callNames } from '../../src/shared/contract/calls';
import { renderContractDocs } from '../../scripts/contract-docs';

describe('docs/contract.md', () => {
  it('lists every call of the contract and is up to date (npm run docs:contract)', () => {
    const docs = renderContractDocs();
    for (const name of callNames) expect(docs).toContain(`### \`${name}\``);
    expect(fs.readFileSync('docs/contract.md', 'utf8')).toBe(docs);
  });
});
