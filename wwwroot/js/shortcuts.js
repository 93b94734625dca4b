// Single-key shortcuts for one page. Keys pressed while typing (a text field, a text area, an editable element) or
// with a modifier are left alone, so "a" in a note stays an "a" and Ctrl+R still reloads.
const clickable = ['checkbox', 'radio', 'button', 'submit', 'reset'];

function isTyping(target) {
  if (!target) return false;
  if (target.isContentEditable || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT') return true;
  return target.tagName === 'INPUT' && !clickable.includes((target.type || '').toLowerCase());
}

export function listen(dotnet, keys) {
  const handler = event => {
    if (event.ctrlKey || event.metaKey || event.altKey || event.repeat) return;
    if (isTyping(event.target) || !keys.includes(event.key)) return;
    // An open dialog owns the keyboard.
    if (document.querySelector('.mud-dialog-container')) return;
    event.preventDefault();
    dotnet.invokeMethodAsync('OnShortcut', event.key);
  };
  document.addEventListener('keydown', handler);
  // Says the keys are live, for people reading the page's state and for browser tests that press them.
  document.documentElement.dataset.shortcuts = keys.join(' ');
  return {
    dispose: () => {
      document.removeEventListener('keydown', handler);
      delete document.documentElement.dataset.shortcuts;
    },
  };
}
