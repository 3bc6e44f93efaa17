import { type BiometrySettings, storedBiometrySettings } from './biometry-settings';

/** A row of `companies`, and the Oz company object it answers as. */
export type CompanyRow = Readonly<{
  company_id: string;
  name: string;
  in_deletion: boolean;
  technical_meta_data: Record<string, unknown>;
  biometry_settings: Record<string, unknown>;
  time_created: Date;
}>;

export type CompanyResponse = Readonly<{
  company_id: string;
  name: string;
  in_deletion: boolean;
  technical_meta_data: Record<string, unknown>;
  /** Beyond Oz's documented fields: decision 0015. */
  biometry_settings: BiometrySettings;
  time_created: number;
}>;

/** Times are UNIX epoch seconds in a float, as everywhere in the API (DESIGN.md §5). */
export const toCompanyResponse = (row: CompanyRow): CompanyResponse => ({
  company_id: row.company_id,
  name: row.name,
  in_deletion: row.in_deletion,
  technical_meta_data: row.technical_meta_data,
  biometry_settings: storedBiometrySettings(row.biometry_settings),
  time_created: row.time_created.getTime() / 1000,
});
