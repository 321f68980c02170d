import { ADDRESS_PROBLEMS, TLS_MODES, type TeamDatabaseView, type TlsMode } from '../../../shared/settings/team-database';
import { TeamSettingsInputSchema, type TeamSettingsInput } from '../../../shared/settings/team-settings';

/**
 * The team part of the settings as typed: where the team's copy goes (no
 * copy, a folder, a database), the fields of each, and the months kept —
 * turned into the one input the service takes, with each problem at its
 * field. Only the chosen target's fields are sent: what was typed for the
 * other stays in the form, unsent.
 */
export const TEAM_TARGETS = ['none', 'folder', 'database'] as const;
export type TeamTargetChoice = (typeof TEAM_TARGETS)[number];

/** Every message a team field can show (`team.errors.<code>`): the schema's codes and the form's own. */
export const TEAM_FIELD_PROBLEMS = [...ADDRESS_PROBLEMS, 'noLogin', 'officeId', 'oneTarget', 'folderRequired', 'tooLong', 'notAbsolute', 'retention'] as const;

export interface TeamValues {
  target: TeamTargetChoice;
  teamFolder: string;
  dbUrl: string;
  /** A new password; '' keeps the saved one. */
  dbPassword: string;
  dbTls: TlsMode;
  dbCaFile: string;
  dbOfficeId: string;
  retentionMonths: string;
}
export type TeamField = Exclude<keyof TeamValues, 'target'>;

export interface SavedTeam {
  teamFolder: string | null;
  teamDatabase: TeamDatabaseView | null;
  retentionMonths: number;
}

export function teamValues(saved: SavedTeam): TeamValues {
  const db = saved.teamDatabase;
  return {
    target: db ? 'database' : saved.teamFolder ? 'folder' : 'none',
    teamFolder: saved.teamFolder ?? '',
    dbUrl: db?.url ?? '',
    dbPassword: '',
    dbTls: db?.tls ?? 'verify-full',
    dbCaFile: db?.caFile ?? '',
    dbOfficeId: db?.officeId ?? '',
    retentionMonths: String(saved.retentionMonths),
  };
}

const FIELD_OF_PATH: Record<string, TeamField> = {
  teamFolder: 'teamFolder',
  'teamDatabase.url': 'dbUrl',
  'teamDatabase.password': 'dbPassword',
  'teamDatabase.tls': 'dbTls',
  'teamDatabase.caFile': 'dbCaFile',
  'teamDatabase.officeId': 'dbOfficeId',
  retentionMonths: 'retentionMonths',
};

export type TeamParse = { ok: true; input: TeamSettingsInput & { teamDatabase: NonNullable<TeamSettingsInput['teamDatabase']> | null } } | { ok: false; errors: Partial<Record<TeamField, string>> };

export function parseTeamValues(values: TeamValues): TeamParse {
  // A folder chosen but none given is a field to fill, not team mode off (which the schema would read it as).
  const folderMissing = values.target === 'folder' && values.teamFolder.trim() === '';
  const parsed = TeamSettingsInputSchema.safeParse({
    teamFolder: values.target === 'folder' ? values.teamFolder : null,
    teamDatabase:
      values.target === 'database'
        ? { url: values.dbUrl, password: values.dbPassword === '' ? null : values.dbPassword, tls: TLS_MODES.includes(values.dbTls) ? values.dbTls : 'verify-full', caFile: values.dbCaFile, officeId: values.dbOfficeId }
        : null,
    retentionMonths: Number(values.retentionMonths),
  });
  if (parsed.success && !folderMissing) return { ok: true, input: { ...parsed.data, teamDatabase: parsed.data.teamDatabase ?? null } };
  const errors: Partial<Record<TeamField, string>> = folderMissing ? { teamFolder: 'folderRequired' } : {};
  for (const issue of parsed.error?.issues ?? []) {
    const field = FIELD_OF_PATH[issue.path.join('.')];
    if (field) errors[field] ??= issue.message;
  }
  return { ok: false, errors };
}

/** Whether saving would change what is saved: a new password is a change; a value that does not parse is one too. */
export function teamChanged(values: TeamValues, saved: SavedTeam): boolean {
  const parsed = parseTeamValues(values);
  if (!parsed.ok) return true;
  const { input } = parsed;
  if (input.retentionMonths !== saved.retentionMonths || input.teamFolder !== saved.teamFolder) return true;
  const db = input.teamDatabase;
  const was = saved.teamDatabase;
  if (!db || !was) return db !== was;
  return db.password !== null || db.url !== was.url || db.tls !== was.tls || (db.caFile ?? null) !== was.caFile || db.officeId !== was.officeId;
}
