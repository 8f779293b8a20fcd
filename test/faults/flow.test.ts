import { faultMatrix } from './matrix';

faultMatrix('flow', ['kpis']);
