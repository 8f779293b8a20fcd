import { z } from 'zod';
import { call, event } from '../contract/define';
import type { BoardRefresh, OverLimitEvent } from './types';

export const occupancyBoardCalls = {
  'occupancyBoard.refresh': call<BoardRefresh>()(
    z.object({}).strict(),
    'Current occupancy and limit of every cached RetailNext store with an occupancy limit (datamine, time_zone local), read now; stores that passed their limit raise occupancyBoard.overLimit once.',
  ),
} as const;

export const occupancyBoardEvents = {
  'occupancyBoard.overLimit': event<OverLimitEvent>('Stores that passed their occupancy limit at the last board refresh (once until they fall below 90% again); the desktop shell also shows a notification.'),
} as const;
