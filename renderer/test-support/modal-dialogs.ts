/**
 * jsdom has no modal dialogs: `showModal()` and `close()` here only toggle `open`, which is all the
 * app's Dialog component and the tests that find a dialog by its role need.
 */
export function stubModalDialogs(): void {
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
    this.removeAttribute('open');
  };
}
