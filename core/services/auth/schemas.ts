import { z } from 'zod';

/** Sign-in: POST /api/auth/login. */
export const logInSchema = z.object({
  email: z.string({ required_error: 'Enter your email address' }).trim().email('Enter your email address'),
  password: z.string({ required_error: 'Enter your password' }).min(1, 'Enter your password'),
});

/** Change password: POST /api/auth/password and the Account page's form. */
export const changePasswordSchema = z.object({
  currentPassword: z.string({ required_error: 'Enter your current password' }).min(1, 'Enter your current password'),
  newPassword: z
    .string({ required_error: 'Enter a new password' })
    .min(8, 'The new password needs at least 8 characters')
    .max(200, 'The new password may have at most 200 characters'),
});
