import { describe, expect, it } from "vitest";
import { parseCsv } from "@/lib/databases/csv";

describe("CSV import: delimiter detection and quoting", () => {
  it.each([
    {
      name: "commas, quoted commas and doubled quotes",
      text: 'Name,Note\n"Lovelace, Ada","say ""hi"""\n',
      delimiter: ",",
      rows: [
        ["Name", "Note"],
        ["Lovelace, Ada", 'say "hi"'],
      ],
    },
    {
      name: "semicolons, with decimal commas and a quoted semicolon",
      text: 'Name;Amount\n"Lovelace; Ada";1,5\nBob;2,75\n',
      delimiter: ";",
      rows: [
        ["Name", "Amount"],
        ["Lovelace; Ada", "1,5"],
        ["Bob", "2,75"],
      ],
    },
    {
      name: "semicolons, with unquoted commas in every row",
      text: "Name;Note\nAda;a, b, c\nBob;d, e, f\n",
      delimiter: ";",
      rows: [
        ["Name", "Note"],
        ["Ada", "a, b, c"],
        ["Bob", "d, e, f"],
      ],
    },
    {
      name: "tabs, with a quoted tab and semicolons in cells",
      text: 'Name\tNote\n"Ada\tL."\ta;b\nBob\tc;d\n',
      delimiter: "\t",
      rows: [
        ["Name", "Note"],
        ["Ada\tL.", "a;b"],
        ["Bob", "c;d"],
      ],
    },
    {
      name: "a byte-order mark, CRLF and a quoted newline",
      text: '\uFEFFName;Note\r\nAda;"line 1\r\nline 2"\r\n',
      delimiter: ";",
      rows: [
        ["Name", "Note"],
        ["Ada", "line 1\r\nline 2"],
      ],
    },
    {
      name: "one column (no delimiter to find) and empty lines",
      text: "Name\n\nAda\n\nBob\n",
      delimiter: ",",
      rows: [["Name"], ["Ada"], ["Bob"]],
    },
    {
      name: "a stray quote inside an unquoted cell stays text",
      text: 'Name,Note\nAda,say "hi" now\n',
      delimiter: ",",
      rows: [
        ["Name", "Note"],
        ["Ada", 'say "hi" now'],
      ],
    },
  ])("$name", ({ text, delimiter, rows }) => {
    expect(parseCsv(text)).toEqual({ rows, delimiter, problems: [] });
  });

  it("the header's first name does not keep the byte-order mark", () => {
    expect(parseCsv("\uFEFFName,Age\nAda,1\n").rows[0]![0]).toBe("Name");
    expect(parseCsv("\uFEFFName\tAge\nAda\t1\n").rows[0]).toEqual(["Name", "Age"]);
  });

  it("a quoted cell that never closes is a problem of its data row", () => {
    expect(parseCsv('Name;Age\nAda;1\n"Bob;2\nCy;3\n').problems).toEqual([
      { row: 2, message: "a quoted cell is never closed" },
    ]);
  });
});
