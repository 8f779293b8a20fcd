import { defaultScheduleSettings, scheduleSettingsSchema } from '../../../shared/sync/schedule';
import { savedSettings } from '../../estate/savedSettings';

/** The saved background sync settings over the defaults (a dataset added later gets its default). */
const scheduleSettings = savedSettings('sync.schedule', scheduleSettingsSchema, defaultScheduleSettings, 'datasets');

export const loadScheduleSettings = scheduleSettings.load;
export const saveScheduleSettings = scheduleSettings.save;
