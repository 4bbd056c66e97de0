"use client";

import type { ComponentProps } from "react";
import { useFormStatus } from "react-dom";
import { Button } from "./button";

/** A Button that submits its form and shows it is busy while the form's action runs. */
export function SubmitButton(props: Omit<ComponentProps<typeof Button>, "type" | "busy">) {
  const { pending } = useFormStatus();
  return <Button type="submit" busy={pending} {...props} />;
}
