import { faultMatrix } from './matrix';

// KPIs read the stores (and their zones) from the locations synced first.
faultMatrix('retailnext', ['kpis'], ['locations']);
