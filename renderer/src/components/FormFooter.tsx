/** The end of a settings form: what went wrong with the last save, then the save button. */
export function FormFooter({ problem, saving, saveLabel, savingLabel }: { problem: string | null; saving: boolean; saveLabel: string; savingLabel: string }) {
  return (
    <>
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="button primary" disabled={saving}>
          {saving ? savingLabel : saveLabel}
        </button>
      </div>
    </>
  );
}
