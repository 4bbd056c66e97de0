"use client";

import {
  useContext,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
} from "react";
import { controlClass } from "@/components/ui/input";
import type { StringFormat } from "./describe-schema";
import { FormContext } from "./form-context";
import { applySuggestion, suggestAt, type Suggestion } from "./suggest";

interface TemplateInputProps {
  id: string;
  value: string;
  onChange: (text: string) => void;
  format: StringFormat;
  multiline: boolean;
  invalid: boolean;
  describedBy?: string;
  readOnly: boolean;
  placeholder?: string;
}

/**
 * A text input or textarea that suggests upstream variables: after `{{` in a template, at an
 * identifier in an expression. Single-line: an ARIA combobox; textarea: a textbox with the same
 * list (aria-activedescendant), since a textarea may not take the combobox role.
 */
export function TemplateInput(p: TemplateInputProps) {
  const { upstream } = useContext(FormContext);
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const [cursor, setCursor] = useState(0);
  // The list opens on typing only (not on focus or a click), and closes on Escape, blur or a pick.
  const [typing, setTyping] = useState(false);
  const [active, setActive] = useState(0);
  const caret = useRef<number | null>(null);
  const list = typing && !p.readOnly ? suggestAt(p.value, cursor, p.format, upstream) : null;
  const index = list ? Math.min(active, list.items.length - 1) : -1;
  const listId = `${p.id}-suggestions`;
  const optionId = (i: number) => `${p.id}-option-${i}`;

  useLayoutEffect(() => {
    if (caret.current === null || !ref.current) return;
    ref.current.setSelectionRange(caret.current, caret.current);
    caret.current = null;
  });
  useEffect(() => {
    if (index >= 0)
      document.getElementById(optionId(index))?.scrollIntoView?.({ block: "nearest" });
  });

  const pick = (s: Suggestion) => {
    if (!list) return;
    const next = applySuggestion(p.value, list, s.value, p.format);
    caret.current = next.cursor;
    setCursor(next.cursor);
    setTyping(false);
    p.onChange(next.text);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (!list) return;
    const n = list.items.length;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      setActive((index + (e.key === "ArrowDown" ? 1 : n - 1)) % n);
    } else if (e.key === "Enter" || e.key === "Tab") {
      e.preventDefault();
      pick(list.items[index]!);
    } else if (e.key === "Escape") {
      // Only the list closes; the side panel around the form stays open.
      e.preventDefault();
      e.stopPropagation();
      setTyping(false);
    }
  };

  const shared = {
    id: p.id,
    ref,
    value: p.value,
    readOnly: p.readOnly,
    placeholder: p.placeholder,
    spellCheck: p.format === "template",
    autoComplete: "off",
    "aria-invalid": p.invalid || undefined,
    "aria-describedby": p.describedBy,
    "aria-autocomplete": "list" as const,
    "aria-activedescendant": list ? optionId(index) : undefined,
    onChange: (e: { target: HTMLInputElement | HTMLTextAreaElement }) => {
      setCursor(e.target.selectionStart ?? e.target.value.length);
      setTyping(true);
      setActive(0);
      p.onChange(e.target.value);
    },
    onKeyDown,
    onSelect: (e: { currentTarget: HTMLInputElement | HTMLTextAreaElement }) =>
      setCursor(e.currentTarget.selectionStart ?? 0),
    onBlur: () => setTyping(false),
    className: controlClass(
      "md",
      `mt-1 block w-full ${p.format === "expression" ? "font-mono text-xs" : ""}`,
    ),
  };

  return (
    <div className="relative">
      {p.multiline ? (
        <textarea
          {...shared}
          rows={p.format === "expression" ? 3 : 5}
          aria-controls={list ? listId : undefined}
        />
      ) : (
        <input
          {...shared}
          type="text"
          role="combobox"
          aria-expanded={!!list}
          aria-controls={listId}
        />
      )}
      {list && (
        <ul
          id={listId}
          role="listbox"
          aria-label="Variables"
          className="absolute inset-x-0 z-20 mt-1 max-h-56 overflow-auto rounded-md border border-zinc-200 bg-white py-1 text-sm shadow-lg dark:border-zinc-700 dark:bg-zinc-900"
        >
          {list.items.map((s, i) => (
            <li
              key={s.value}
              id={optionId(i)}
              role="option"
              aria-selected={i === index}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => pick(s)}
              onMouseEnter={() => setActive(i)}
              className={`flex cursor-pointer items-baseline justify-between gap-3 px-3 py-1.5 ${
                i === index
                  ? "bg-indigo-50 text-indigo-900 dark:bg-indigo-500/15 dark:text-indigo-100"
                  : "text-zinc-800 dark:text-zinc-200"
              }`}
            >
              <span className="truncate font-mono text-xs">{s.value}</span>
              <span className="shrink-0 truncate text-xs text-zinc-500 dark:text-zinc-400">
                {s.detail}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
