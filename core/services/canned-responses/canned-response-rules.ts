import { AppError } from '../../errors';

/** Titles are unique per tenant (a unique index): the person hears which title is taken. */
export const duplicateTitle = (title: string) =>
  new AppError('conflict', `A canned response titled "${title}" already exists.`, {
    title: 'This title is already used',
  });
