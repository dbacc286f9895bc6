"""The admin's rich-text editor (django-prose-editor) as the browser tests drive it."""

from playwright.sync_api import expect

# Whether the caret is collapsed at the very end of the editor's last paragraph.
CARET_AT_THE_END = """(editable) => {
    const selection = window.getSelection();
    const node = selection.focusNode;
    const paragraphs = editable.querySelectorAll("p");
    const last = paragraphs[paragraphs.length - 1];
    if (!selection.isCollapsed || !node || !last || !last.contains(node)) return false;
    const rest = document.createRange();
    rest.setStart(node, selection.focusOffset);
    rest.setEnd(last, last.childNodes.length);
    return rest.toString() === "";
}"""


def add_paragraph(page, editable, text):
    """Types `text` as a new paragraph after the editor's last one. The editor may still move
    the caret a click placed (CI once typed at the start): Control+End is pressed until the
    caret is at the end."""
    editable.locator("p").first.click()
    expect(editable).to_be_focused()
    for _ in range(20):
        page.keyboard.press("Control+End")
        if editable.evaluate(CARET_AT_THE_END):
            break
        page.wait_for_timeout(100)
    assert editable.evaluate(CARET_AT_THE_END)
    page.keyboard.press("Enter")
    page.keyboard.type(text)
