"use server";

import { registerWithForm, signInWithForm, type AuthFormState } from "@/lib/auth/form-actions";

// Server actions of the login and register forms. They are plain POSTs before hydration (or
// with JavaScript off), so a password never ends up in a URL.

// POST /login (server action) – sign in and go to `next`
export async function signInAction(_previous: AuthFormState, form: FormData) {
  return signInWithForm(form);
}

// POST /register (server action) – create an account, sign it in and go to `next`
export async function registerAction(_previous: AuthFormState, form: FormData) {
  return registerWithForm(form);
}
