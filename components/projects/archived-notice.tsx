/** Says why an archived project offers nothing to change, and who can change that. */
export function ArchivedNotice({ owner }: { owner: boolean }) {
  return (
    <p
      role="status"
      data-testid="archived-notice"
      className="rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-500/30 dark:bg-amber-500/10 dark:text-amber-200"
    >
      This project is archived, so it is read-only: no new documents, databases or members, and
      nothing in it can be edited.{" "}
      {owner ? "Restore it to work in it again." : "An owner can restore it."}
    </p>
  );
}
