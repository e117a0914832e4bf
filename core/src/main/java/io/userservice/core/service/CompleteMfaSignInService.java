package io.userservice.core.service;

import io.userservice.core.domain.PasskeyRequestOptions;
import io.userservice.core.domain.SessionClient;
import io.userservice.core.port.in.CompleteMfaSignInUseCase;
import io.userservice.core.port.in.LogInUseCase;
import io.userservice.core.port.out.ServiceObserver.SignInChannel;

final class CompleteMfaSignInService implements CompleteMfaSignInUseCase {

    private final SecondFactorSignIn signIn;
    private final TokenIssuance tokens;

    CompleteMfaSignInService(SecondFactorSignIn signIn, TokenIssuance tokens) {
        this.signIn = signIn;
        this.tokens = tokens;
    }

    @Override
    public LogInUseCase.Result complete(Command command) {
        SecondFactorSignIn.Completed done = signIn.complete(command.mfaToken(), command.code(),
                command.recoveryCode(), command.webauthn(), command.clientAddress(), SignInChannel.NATIVE);
        return new LogInUseCase.Result(done.user(), tokens.forNewSession(done.user(),
                SessionClient.of(command.clientAddress(), command.userAgent())), done.deviceToken());
    }

    @Override
    public PasskeyRequestOptions webauthnOptions(OptionsCommand command) {
        return signIn.webauthnOptions(command.mfaToken(), command.clientAddress(), SignInChannel.NATIVE);
    }
}
