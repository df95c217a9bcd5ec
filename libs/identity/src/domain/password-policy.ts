/** Why a new password is refused; each is shown to the person as is. */
export enum PasswordProblem {
  TooShort = 'too-short',
  Common = 'common',
  ContainsUsername = 'contains-username',
}

export interface PasswordRules {
  minLength: number;
  /** Lower-case entries of the bundled list (libs/identity/policy/common-passwords.txt). */
  common: ReadonlySet<string>;
}

/** The parts of the bundled list that are entries: no blank lines, no `#` comments. */
export function parseCommonPasswords(text: string): Set<string> {
  return new Set(
    text
      .split('\n')
      .map((line) => line.trim().toLowerCase())
      .filter((line) => line && !line.startsWith('#')),
  );
}

/**
 * The password's core as people vary a common one: lower case, without trailing digits and symbols
 * (`Sunshine2024!` → `sunshine`) and without a leading run of digits (`2024sunshine`).
 */
function coreOf(password: string): string {
  return password
    .toLowerCase()
    .replace(/[^a-z]+$/u, '')
    .replace(/^[0-9]+/u, '');
}

/** Every problem of a new password; none means it is acceptable. Length counts characters, not bytes. */
export function passwordProblems(
  password: string,
  username: string,
  rules: PasswordRules,
): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  if ([...password].length < rules.minLength) problems.push(PasswordProblem.TooShort);
  const lower = password.toLowerCase();
  if (rules.common.has(lower) || rules.common.has(coreOf(password)) || isOneRepeatedRun(lower)) {
    problems.push(PasswordProblem.Common);
  }
  if (username.length >= 3 && lower.includes(username.toLowerCase())) {
    problems.push(PasswordProblem.ContainsUsername);
  }
  return problems;
}

/** `aaaaaaaaaaaa`, `abcabcabcabc`, `121212121212`: a short run repeated. */
function isOneRepeatedRun(password: string): boolean {
  for (let size = 1; size <= 4; size++) {
    const run = password.slice(0, size);
    if (password.length >= size * 3 && run.repeat(Math.ceil(password.length / size)).startsWith(password)) {
      return true;
    }
  }
  return false;
}

export const PASSWORD_PROBLEM_TEXT: Record<PasswordProblem, (rules: PasswordRules) => string> = {
  [PasswordProblem.TooShort]: (rules) => `must be at least ${rules.minLength} characters long`,
  [PasswordProblem.Common]: () => 'is a common or breached password; choose a less guessable one',
  [PasswordProblem.ContainsUsername]: () => 'must not contain the username',
};
