import { passwordProblem } from './password-policy';

describe('passwordProblem', () => {
  it('accepts a long passphrase', () => {
    expect(passwordProblem('correct horse battery staple')).toBeNull();
  });
  it('refuses short passwords', () => {
    expect(passwordProblem('Sh0rt!pass')).toMatch(/at least 12/);
  });
  it('refuses common passwords whatever their case, and with digits appended', () => {
    expect(passwordProblem('PASSWORD1234')).toMatch(/commonly used/);
    expect(passwordProblem('qwertyuiop12')).toMatch(/commonly used/);
  });
  it('refuses the user name inside the password', () => {
    expect(passwordProblem('my-jdoe-password-xyz', { username: 'jdoe' })).toMatch(/user name/);
  });
  it('refuses one repeated character', () => {
    expect(passwordProblem('zzzzzzzzzzzzzz')).not.toBeNull();
  });
});
