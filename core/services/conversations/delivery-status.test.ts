import { canMoveTo } from './delivery-status';

test('delivery statuses only move forward', () => {
  expect(canMoveTo('pending', 'queued')).toBe(true);
  expect(canMoveTo('queued', 'read')).toBe(true);
  expect(canMoveTo('sent', 'delivered')).toBe(true);
  expect(canMoveTo('read', 'delivered')).toBe(false);
  expect(canMoveTo('delivered', 'sent')).toBe(false);
  expect(canMoveTo('delivered', 'delivered')).toBe(false);
});

test('failed and undelivered are terminal and keep nothing from moving on', () => {
  expect(canMoveTo('sent', 'failed')).toBe(true);
  expect(canMoveTo('read', 'undelivered')).toBe(true);
  expect(canMoveTo('failed', 'delivered')).toBe(false);
  expect(canMoveTo('undelivered', 'read')).toBe(false);
  expect(canMoveTo('failed', 'undelivered')).toBe(false);
});

test('an inbound message never takes a delivery status', () => {
  expect(canMoveTo('received', 'read')).toBe(false);
});
