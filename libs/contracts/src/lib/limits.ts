/** Input limits shared by the DTO validators and the console's forms. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;
export const USERNAME_PATTERN = /^[a-z][a-z0-9._-]{2,31}$/;
