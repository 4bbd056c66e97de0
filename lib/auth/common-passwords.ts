/**
 * Passwords refused outright: the most common ones from public breach lists that are at least 10
 * characters long (shorter ones already fail the length rule). Compared case-insensitively.
 */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  "1234567890", "12345678910", "123456789a", "1234567890a", "0123456789", "0987654321",
  "1111111111", "0000000000", "1122334455", "1q2w3e4r5t", "1q2w3e4r5t6y", "qwertyuiop",
  "qwerty1234", "qwerty12345", "qwerty123456", "1qaz2wsx3edc", "zaq12wsxcde3", "asdfghjkl1",
  "password12", "password123", "password1234", "password!1", "passw0rd123", "p@ssw0rd123",
  "iloveyou12", "iloveyou123", "sunshine123", "princess123", "football123", "baseball123",
  "welcome123", "welcome1234", "letmein123", "letmein1234", "admin12345", "administrator",
  "adminadmin", "changeme123", "trustno1234", "monkey12345", "dragon12345", "master12345",
  "superman123", "batman12345", "starwars123", "whatever123", "computer123", "internet123",
  "michael123", "jennifer123", "charlie123", "qazwsxedc123", "abcdefghij", "abcd123456",
  "abc1234567", "aa12345678", "a123456789", "1234qwerasdf", "password1!", "passwordpassword",
  "secret1234", "secretpassword", "mypassword", "mypassword1", "mypassword123", "loveyou123",
  "summer2024", "winter2024", "spring2024", "autumn2024", "summer2025", "winter2025",
  "summer2026", "winter2026", "company123", "football1", "1234567890q", "q1w2e3r4t5",
]);
