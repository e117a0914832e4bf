package io.userservice.core.service;

import io.userservice.core.domain.SessionClient;
import io.userservice.core.port.in.LogInUseCase;
import io.userservice.core.port.out.ServiceObserver;

final class LogInService implements LogInUseCase {

    private final Credentials credentials;
    private final TokenIssuance tokens;

    LogInService(Credentials credentials, TokenIssuance tokens) {
        this.credentials = credentials;
        this.tokens = tokens;
    }

    @Override
    public Result logIn(Command command) {
        Credentials.Verified verified = credentials.verifyOnDevice(command.email(), command.password(),
                command.clientAddress(), command.deviceToken(), ServiceObserver.SignInChannel.NATIVE);
        return new Result(verified.user(), tokens.forNewSession(verified.user(),
                SessionClient.of(command.clientAddress(), command.userAgent())), verified.deviceToken());
    }
}
