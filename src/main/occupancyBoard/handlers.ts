import type { occupancyBoardCalls } from '../../shared/occupancyBoard/contract';
import type { HandlersFor } from '../core/handlers';
import type { OccupancyBoardService } from './service';

export function occupancyBoardHandlers(board: OccupancyBoardService): HandlersFor<typeof occupancyBoardCalls> {
  return {
    'occupancyBoard.refresh': async (_input, { signal }) => board.refresh(signal),
  };
}
