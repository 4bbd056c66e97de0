"use client";

import { useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { TASK_TYPES } from "@/lib/ai/constants";
import { Button } from "../ui/button";
import { Select } from "../ui/select";
import type { ComposerChoice } from "./use-composer-choice";
import type { ModelView } from "./types";

/**
 * Message box with task type and model pickers (both default to Auto, and are remembered in this
 * browser). Enter sends, Shift+Enter adds a line, Esc stops.
 */
export function Composer({
  models,
  streaming,
  disabled,
  onSend,
  onStop,
  choice,
  onChoice,
}: {
  models: ModelView[];
  streaming: boolean;
  disabled?: boolean;
  onSend: (text: string) => void;
  onStop: () => void;
  choice: ComposerChoice;
  onChoice: (c: ComposerChoice) => void;
}) {
  const [text, setText] = useState("");
  const ref = useRef<HTMLTextAreaElement>(null);
  const send = (e?: FormEvent) => {
    e?.preventDefault();
    const value = text.trim();
    if (!value || streaming || disabled) return;
    onSend(value);
    setText("");
    ref.current?.focus();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) send(e);
    if (e.key === "Escape" && streaming) onStop();
  };
  return (
    <form
      noValidate
      onSubmit={send}
      className="min-w-0 rounded-2xl border border-zinc-300 bg-white p-2 shadow-sm focus-within:border-indigo-400 dark:border-zinc-700 dark:bg-zinc-900"
    >
      <label htmlFor="chat-input" className="sr-only">
        Message
      </label>
      <textarea
        id="chat-input"
        ref={ref}
        rows={2}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
        disabled={disabled}
        placeholder={
          disabled
            ? "Add a provider to start chatting"
            : "Ask anything… (Enter to send, Shift+Enter for a new line)"
        }
        className="block max-h-60 w-full resize-y bg-transparent px-2 py-1.5 text-sm outline-none placeholder:text-zinc-400"
      />
      <div className="mt-1 flex flex-wrap items-center justify-between gap-2 px-1">
        <div className="flex min-w-0 flex-wrap items-center gap-2 text-xs text-zinc-600 dark:text-zinc-400">
          <label className="flex min-w-0 items-center gap-1">
            Task
            <Select
              variant="xs"
              aria-label="Task type"
              value={choice.taskType}
              onChange={(e) => onChoice({ ...choice, taskType: e.target.value })}
            >
              <option value="auto">Auto</option>
              {TASK_TYPES.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </Select>
          </label>
          <label className="flex min-w-0 items-center gap-1">
            Model
            <Select
              variant="xs"
              aria-label="Model"
              className="min-w-0 max-w-[12rem] truncate sm:max-w-none"
              value={choice.model}
              onChange={(e) => onChoice({ ...choice, model: e.target.value })}
            >
              <option value="auto">Auto (route by task)</option>
              {models.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.id}
                </option>
              ))}
            </Select>
          </label>
        </div>
        {streaming ? (
          <Button
            variant="secondary"
            className="ml-auto"
            onClick={onStop}
            aria-keyshortcuts="Escape"
          >
            <span aria-hidden="true" className="size-2.5 rounded-sm bg-current" /> Stop
          </Button>
        ) : (
          <Button type="submit" className="ml-auto" disabled={disabled || !text.trim()}>
            Send
          </Button>
        )}
      </div>
    </form>
  );
}
