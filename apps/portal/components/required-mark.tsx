/**
 * "(required)" right after a required field's label, outside it: the field carries `required`, which a screen reader
 * already says, so the mark is hidden from it and the field's name stays the label alone. (A group of checkboxes has
 * no such attribute: its legend says "at least one" in plain text instead.)
 */
export function RequiredMark() {
  return (
    <span className="required-mark muted" aria-hidden="true">
      {' '}
      (required)
    </span>
  );
}
