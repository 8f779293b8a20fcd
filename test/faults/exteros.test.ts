import { faultMatrix } from './matrix';

faultMatrix('exteros', ['locations', 'kpis']);
