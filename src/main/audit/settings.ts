import { auditSettingsSchema, defaultAuditSettings } from '../../shared/audit/rules';
import { savedSettings } from '../estate/savedSettings';

/** The saved audit settings over the defaults (a rule added later is on by default). */
const auditSettings = savedSettings('audit', auditSettingsSchema, defaultAuditSettings, 'enabled');

export const loadAuditSettings = auditSettings.load;
export const saveAuditSettings = auditSettings.save;
