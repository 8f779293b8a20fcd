import type Database from 'better-sqlite3';
import { summedColumns } from './schema';

/** `a` and `b` added, as SUM over both would give: NULL only when both are. */
const add = (c: string) => `${c} = COALESCE(${c} + excluded.${c}, ${c}, excluded.${c})`;

/**
 * Migration 13 (frozen once shipped): a store-day added to `report_kpi_days` is added into its
 * month's row instead of summing the month again. Migration 3's trigger re-read every day of the
 * month for each day written (a 1,000-store year: 365,000 months summed, over half the writer's
 * SQLite time in a large sync). A day removed (a re-fetched or deleted store-day) still sums its
 * month again (`report_month_after_delete`), which also puts right any rounding of the additions.
 * Same columns, same values: `days` and `day_mask` count the day, the sums add (NULL only when both
 * are), `occupancy_max` and `last_fetched_at` take the larger.
 */
export function monthByAddingSchema(db: Database.Database): void {
  const month = 'substr(NEW.day, 1, 7)';
  db.exec(`
    DROP TRIGGER report_month_after_insert;
    CREATE TRIGGER report_month_after_insert AFTER INSERT ON report_kpi_days BEGIN
      INSERT INTO report_kpi_months (connection_id, store_key, month, days, day_mask, provisional_days, last_fetched_at, hours, ${summedColumns.join(', ')}, occupancy_max, incomplete_hours, imputed_hours)
        VALUES (NEW.connection_id, NEW.store_key, ${month}, 1, 1 << (CAST(substr(NEW.day, 9, 2) AS INTEGER) - 1), NEW.status = 'provisional', NEW.fetched_at, NEW.hours,
                ${summedColumns.map((c) => `NEW.${c}`).join(', ')}, NEW.occupancy_max, NEW.incomplete_hours, NEW.imputed_hours)
        ON CONFLICT (connection_id, store_key, month) DO UPDATE SET
          days = days + 1, day_mask = day_mask | excluded.day_mask, provisional_days = provisional_days + excluded.provisional_days,
          last_fetched_at = max(last_fetched_at, excluded.last_fetched_at), hours = hours + excluded.hours,
          ${summedColumns.map(add).join(', ')},
          occupancy_max = COALESCE(max(occupancy_max, excluded.occupancy_max), occupancy_max, excluded.occupancy_max),
          incomplete_hours = incomplete_hours + excluded.incomplete_hours, imputed_hours = imputed_hours + excluded.imputed_hours;
    END;
  `);
}
