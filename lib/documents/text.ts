/** Plain text of a Tiptap document: text nodes joined, one line per block, hard breaks kept. */
export function plainText(doc: { content?: unknown[] }): string {
  const lines: string[] = [];
  let line = "";
  const walk = (node: { type?: string; text?: string; content?: unknown[] }) => {
    if (node.type === "text" && node.text) line += node.text;
    else if (node.type === "hardBreak") line += "\n";
    for (const child of node.content ?? []) walk(child as typeof node);
    if (
      node.type &&
      node.type !== "text" &&
      node.type !== "hardBreak" &&
      node.type !== "doc" &&
      !node.content?.some(
        (c) =>
          (c as { type?: string }).type !== "text" && (c as { type?: string }).type !== "hardBreak",
      )
    ) {
      if (line.trim()) lines.push(line.trim());
      line = "";
    }
  };
  walk(doc);
  if (line.trim()) lines.push(line.trim());
  return lines.join("\n");
}
