import { useAppStore } from '../stores/app-store';
import { OfficeFilesForm } from './OfficeFilesForm';
import { PreferencesForm } from './PreferencesForm';
import { ProfileForm } from './ProfileForm';
import { TeamSettingsForm } from './TeamSettingsForm';

/** The clerk's profile first; what an administrator sets up below it, once there is a profile. */
export function SettingsView() {
  const profile = useAppStore((s) => s.profile);
  return (
    <div className="settings">
      <ProfileForm />
      {profile && <PreferencesForm />}
      {profile && <TeamSettingsForm />}
      {profile && <OfficeFilesForm />}
    </div>
  );
}
