/**
 * Copies text, preferring the async Clipboard API and falling back to selecting `field` (or a
 * scratch textarea) and `execCommand('copy')` where the API is missing or refused.
 */
export async function copyText(
  text: string,
  field?: HTMLInputElement | HTMLTextAreaElement | null,
): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Refused (no permission, not focused): try the old way.
  }
  const scratch = field ? null : document.createElement('textarea');
  const target = field ?? scratch!;
  if (scratch) {
    scratch.value = text;
    scratch.setAttribute('readonly', '');
    scratch.style.position = 'fixed';
    scratch.style.opacity = '0';
    document.body.appendChild(scratch);
  }
  target.focus();
  target.select();
  try {
    return typeof document.execCommand === 'function' && document.execCommand('copy');
  } catch {
    return false;
  } finally {
    scratch?.remove();
  }
}
