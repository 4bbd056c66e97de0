"use client";

import { EditorContent, useEditor, type JSONContent } from "@tiptap/react";
import StarterKit from "@tiptap/starter-kit";
import { useEffect } from "react";

const TOOLS: {
  label: string;
  run: (e: NonNullable<ReturnType<typeof useEditor>>) => void;
  active: (e: NonNullable<ReturnType<typeof useEditor>>) => boolean;
}[] = [
  {
    label: "Bold",
    run: (e) => e.chain().focus().toggleBold().run(),
    active: (e) => e.isActive("bold"),
  },
  {
    label: "Italic",
    run: (e) => e.chain().focus().toggleItalic().run(),
    active: (e) => e.isActive("italic"),
  },
  {
    label: "Heading",
    run: (e) => e.chain().focus().toggleHeading({ level: 2 }).run(),
    active: (e) => e.isActive("heading"),
  },
  {
    label: "Bullet list",
    run: (e) => e.chain().focus().toggleBulletList().run(),
    active: (e) => e.isActive("bulletList"),
  },
  {
    label: "Numbered list",
    run: (e) => e.chain().focus().toggleOrderedList().run(),
    active: (e) => e.isActive("orderedList"),
  },
  {
    label: "Code block",
    run: (e) => e.chain().focus().toggleCodeBlock().run(),
    active: (e) => e.isActive("codeBlock"),
  },
];

/** The Tiptap editor (loaded only on document pages): StarterKit (headings, lists, code, links), read-only for viewers. */
export default function RichText({
  content,
  editable,
  onChange,
  resetKey,
}: {
  content: JSONContent;
  editable: boolean;
  onChange: (doc: JSONContent) => void;
  resetKey: number;
}) {
  const editor = useEditor({
    extensions: [StarterKit.configure({ link: { openOnClick: !editable, autolink: true } })],
    content,
    editable,
    immediatelyRender: false,
    // Re-render on selection changes so the toolbar shows which marks and blocks are active.
    shouldRerenderOnTransaction: true,
    onUpdate: ({ editor }) => onChange(editor.getJSON()),
    editorProps: {
      attributes: {
        class: "prose-doc min-h-64 outline-none",
        "aria-label": "Document body",
        role: "textbox",
        "aria-multiline": "true",
      },
    },
  });
  // A reload after a conflict replaces the content without re-creating the editor.
  useEffect(() => {
    if (editor && resetKey > 0) editor.commands.setContent(content, { emitUpdate: false });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [resetKey, editor]);

  return (
    <div className="rounded-2xl border border-zinc-200 bg-white shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
      {editable && editor && (
        <div
          role="toolbar"
          aria-label="Formatting"
          className="flex flex-wrap gap-1 border-b border-zinc-200 p-2 dark:border-zinc-800"
        >
          {TOOLS.map((t) => (
            // mousedown would move focus (and the selection) out of the editor: keep both where they are.
            <button
              key={t.label}
              type="button"
              aria-pressed={t.active(editor)}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => t.run(editor)}
              className={`rounded-md px-2 py-1 text-xs font-medium outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 ${t.active(editor) ? "bg-indigo-50 text-indigo-700 dark:bg-indigo-500/10 dark:text-indigo-300" : "text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"}`}
            >
              {t.label}
            </button>
          ))}
        </div>
      )}
      <EditorContent editor={editor} className="px-5 py-4 text-sm leading-relaxed" />
    </div>
  );
}
