"use server";

import { signOutWithForm } from "@/lib/auth/session-forms";

// POST (server action, from the sidebar on any page) – sign this browser out, on the server too
export async function signOutAction() {
  return signOutWithForm();
}
