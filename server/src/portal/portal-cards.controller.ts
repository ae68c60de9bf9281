import { Body, Controller, Header, Post, Req, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { PortalCardRequestDto, type PortalCardResponse } from '@tessera/contracts';
import { Public, SkipCsrf } from '../common/auth-metadata';
import { PortalCardsService } from './portal-cards.service';
import { PortalClientGuard, type PortalRequest } from './portal-client.guard';

/**
 * Machine-to-machine: no staff session, no cookies (so no CSRF token). `@Public()` only to the session guards —
 * PortalClientGuard demands the client credential on every request.
 */
@ApiTags('portal')
@Controller('portal')
export class PortalCardsController {
  constructor(private readonly portalCards: PortalCardsService) {}

  @Post('cards')
  @Public()
  @SkipCsrf()
  @UseGuards(PortalClientGuard)
  @Header('Cache-Control', 'no-store')
  issue(@Req() req: PortalRequest, @Body() dto: PortalCardRequestDto): Promise<PortalCardResponse> {
    return this.portalCards.issue(req.portalClient!, dto);
  }
}
