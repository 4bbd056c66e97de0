import { redirect } from "next/navigation";

// /admin opens its first section; each section has an address of its own.
export default function AdminPage() {
  redirect("/admin/users");
}
