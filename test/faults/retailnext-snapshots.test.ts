import { faultMatrix } from './matrix';

faultMatrix('retailnext', ['locations', 'store_hours', 'inventory', 'health_alerts', 'users']);
