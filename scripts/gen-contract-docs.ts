import fs from 'node:fs';
import { renderContractDocs } from './contract-docs';

fs.mkdirSync('docs', { recursive: true });
fs.writeFileSync('docs/contract.md', renderContractDocs());
console.log('wrote docs/contract.md');
