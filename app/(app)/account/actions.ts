"use server";

import { signOutSessionWithForm } from "@/lib/auth/session-forms";

// Server actions of the Account page: plain POSTs without JavaScript.

// POST /account (server action) – sign one of the user's sessions out
export async function signOutSessionAction(form: FormData) {
  return signOutSessionWithForm(form);
}
